import { describe, expect, it } from 'vitest';
import { parseMessengerName } from '../domain/messenger-names';
import { exifDateToIso, gpsToDecimal } from './exif';
import { extensionMismatch, sniffKind } from './file-kind';
import { zipNameRefusal } from './zip-archive';

describe('EXIF value parsing', () => {
  it('turns EXIF dates into ISO 8601 as written, without a zone', () => {
    expect(exifDateToIso('2024:05:01 10:00:00')).toBe('2024-05-01T10:00:00');
    expect(exifDateToIso('2024:05:01')).toBe('2024-05-01');
    expect(exifDateToIso('0000:00:00 00:00:00')).toBeNull();
    expect(exifDateToIso('    ')).toBeNull();
    expect(exifDateToIso(undefined)).toBeNull();
  });

  it('turns degrees, minutes, seconds and the reference into signed decimal degrees', () => {
    expect(gpsToDecimal([42, 26, 30], 'N')).toBeCloseTo(42.441667, 6);
    expect(gpsToDecimal([19, 15, 0], 'W')).toBeCloseTo(-19.25, 6);
    expect(gpsToDecimal([33, 51, 54], 'S')).toBeCloseTo(-33.865, 6);
    expect(gpsToDecimal(undefined, 'N')).toBeNull();
  });
});

describe('type by content', () => {
  it('recognises formats from bytes, whatever the name', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await sniffKind(png)).kind).toBe('png');
    expect((await sniffKind(Buffer.from('%PDF-1.7\n'))).kind).toBe('pdf');
    expect(await sniffKind(Buffer.from('hello, plain text\n'))).toEqual({ kind: 'other', mime: 'text/plain' });
  });

  it('flags a name that promises another format', () => {
    expect(extensionMismatch('photo.jpg', { kind: 'png', mime: 'image/png' })).toMatch(/named as JPEG but the content is PNG/);
    expect(extensionMismatch('photo.JPG', { kind: 'jpeg', mime: 'image/jpeg' })).toBeNull();
    expect(extensionMismatch('notes.txt', { kind: 'other', mime: 'text/plain' })).toBeNull();
    expect(extensionMismatch('x.jpg', { kind: 'other', mime: null })).toMatch(/no recognised format/);
  });
});

describe('archive entry names', () => {
  it('refuses entries that would escape the archive', () => {
    expect(zipNameRefusal('../escape.jpg')).toMatch(/escapes/);
    expect(zipNameRefusal('DCIM/../../etc/passwd')).toMatch(/escapes/);
    expect(zipNameRefusal('..\\win.jpg')).toMatch(/escapes/);
    expect(zipNameRefusal('/etc/x.jpg')).toMatch(/absolute/);
    expect(zipNameRefusal('C:/x.jpg')).toMatch(/absolute/);
    expect(zipNameRefusal('DCIM/Camera/IMG_1.jpg')).toBeNull();
    expect(zipNameRefusal('DCIM/..hidden/IMG_1.jpg')).toBeNull();
  });
});

describe('messenger file names', () => {
  it('reads WhatsApp Android names, with the date as the save date', () => {
    expect(parseMessengerName('IMG-20240312-WA0007.jpg')).toMatchObject({ app: 'WhatsApp', patternId: 'whatsapp-android-received', date: '2024-03-12', time: null, sequence: '0007' });
  });
  it('reads WhatsApp desktop, Telegram, Signal, Viber and screenshot names', () => {
    expect(parseMessengerName('WhatsApp Image 2024-03-12 at 14.22.05.jpeg')).toMatchObject({ patternId: 'whatsapp-desktop-export', date: '2024-03-12', time: '14:22:05' });
    expect(parseMessengerName('WhatsApp Image 2024-03-12 at 9.02.05 (2).jpeg')).toMatchObject({ time: '09:02:05', sequence: '2' });
    expect(parseMessengerName('photo_2024-03-12_14-22-05.jpg')).toMatchObject({ app: 'Telegram', time: '14:22:05' });
    expect(parseMessengerName('signal-2024-03-12-142205.jpg')).toMatchObject({ app: 'Signal', date: '2024-03-12' });
    expect(parseMessengerName('viber_image_2024-03-12_14-22-05.jpg')).toMatchObject({ app: 'Viber' });
    expect(parseMessengerName('Screenshot_20240312-142205_WhatsApp.jpg')).toMatchObject({ app: 'Android screenshot', sequence: 'WhatsApp' });
  });
  it('rejects look-alikes and impossible dates', () => {
    expect(parseMessengerName('IMG_20240312_142205.jpg')).toBeNull();
    expect(parseMessengerName('IMG-20241340-WA0001.jpg')).toBeNull();
    expect(parseMessengerName('IMG-20240230-WA0001.jpg')).toBeNull();
  });
});
