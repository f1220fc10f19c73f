/** The machine a benchmark ran on, and how busy others kept it: shared by every benchmark. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import sharp from 'sharp';

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Busy CPU seconds of the whole machine since boot (all CPUs), from /proc/stat; null if unavailable. */
export function machineBusySeconds(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLK_TCK;
  } catch {
    return null;
  }
}

/** CPU seconds this process (all its threads) has used. */
export const selfCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Share of the machine's CPU capacity used by others while `ownCpuSeconds` were spent in `wallSeconds`. */
export function otherLoad(busy0: number | null, busy1: number | null, ownCpuSeconds: number, wallSeconds: number): number | null {
  if (busy0 === null || busy1 === null || wallSeconds <= 0) return null;
  return Math.max(0, (busy1 - busy0 - ownCpuSeconds) / (wallSeconds * os.availableParallelism()));
}

/** CPU, memory, OS, Node, sharp and libvips versions, and the load average when the benchmark started. */
export function machineInfo() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpuModel = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpuModel,
    totalMemoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sharp: sharp.versions.sharp ?? null,
    libvips: sharp.versions.vips,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
