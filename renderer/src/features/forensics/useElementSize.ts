import { useEffect, useState } from 'react';
import type { RefObject } from 'react';

/** The content size of an element, following resizes (ResizeObserver). */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((current) => (current.width === width && current.height === height ? current : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** The largest size with the aspect of `content` that fits in `box`. */
export function fitInto(box: { width: number; height: number }, content: { width: number; height: number }): { width: number; height: number } {
  if (box.width <= 0 || box.height <= 0 || content.width <= 0 || content.height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(box.width / content.width, box.height / content.height);
  return { width: Math.floor(content.width * scale), height: Math.floor(content.height * scale) };
}
