/**
 * The MRZs printed on the PassportEye specimen images of the development corpus
 * (../shared/corpus/dev/konstantint+PassportEye, see /work/shared/corpus/README.md), for benchmarks.
 *
 * Sources:
 * - the four Utopia images: the lines given in the corpus README;
 * - the Slovenian, Czech, German and Canadian ones: transcribed from the images (by the author of
 *   tests/bench/mrz-reader-eval.ts, re-checked by eye for documents.bench.ts). Each transcription satisfies
 *   every check digit of its zone; documents.bench.ts re-verifies that on every run and reports it. Check
 *   digits do not cover the name field, so names rest on the transcription alone.
 *
 * Paths are relative to the PassportEye folder. The files are never copied into the project.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusMrz {
  /** Path inside the PassportEye folder. */
  readonly path: string;
  /** MRZ format implied by the lines (3 x 30 = TD1, 2 x 36 = TD2, 2 x 44 = TD3). */
  readonly format: 'TD1' | 'TD2' | 'TD3';
  /** The lines exactly as printed. */
  readonly lines: readonly string[];
  readonly source: 'corpus README' | 'transcribed';
  /** Short description of the image. */
  readonly note: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The PassportEye folder of the shared corpus (may be absent: callers must check). */
export const PASSPORTEYE_DIR = path.resolve(ROOT, '..', 'shared', 'corpus', 'dev', 'konstantint+PassportEye');

/** The yardstick tesseract model (BSD-3, DoubangoTelecom/tesseractMRZ): folder holding `mrz.traineddata`. */
export const MRZ_TRAINEDDATA_DIR = path.resolve(ROOT, '..', 'shared', 'corpus', 'dev', 'DoubangoTelecom+tesseractMRZ', 'tessdata_fast');

const UTO_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'] as const;
const UTO_TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'] as const;

export const CORPUS_MRZ: readonly CorpusMrz[] = [
  { path: 'tests/data/passport-td3.jpg', format: 'TD3', lines: UTO_TD3, source: 'corpus README', note: 'Utopia passport data page (ICAO specimen), scan' },
  { path: 'passporteye/mrz/testdata/100_pass-uto.jpg', format: 'TD3', lines: UTO_TD3, source: 'corpus README', note: 'Utopia passport data page, another capture' },
  { path: 'tests/data/passport-td2.jpg', format: 'TD2', lines: UTO_TD2, source: 'corpus README', note: 'Utopia TD2 card' },
  { path: 'passporteye/mrz/testdata/100_pass2-uto.jpg', format: 'TD2', lines: UTO_TD2, source: 'corpus README', note: 'Utopia TD2 card, other layout' },
  {
    path: 'passporteye/mrz/testdata/100_id-si.jpg',
    format: 'TD1',
    lines: ['I<SI<09999100180706966505468<<', '6606079F0807276SI<<<<<<<<<<<<0', 'VZOREC<<TINA<<<<<<<<<<<<<<<<<<'],
    source: 'transcribed',
    note: 'Slovenian ID card back (specimen)',
  },
  {
    path: 'passporteye/mrz/testdata/100_pass-cze.jpg',
    format: 'TD3',
    lines: ['P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<', '99003853<1CZE1101018M1207046110101111<<<<<94'],
    source: 'transcribed',
    note: 'Czech passport data page (specimen)',
  },
  {
    path: 'passporteye/mrz/testdata/53_id-d.jpg',
    format: 'TD1',
    lines: ['IDD<<T220001293<<<<<<<<<<<<<<<', '6408125<2010315D<<<<<<<<<<<<<4', 'MUSTERMANN<<ERIKA<<<<<<<<<<<<<'],
    source: 'transcribed',
    note: 'German ID card back (specimen), 250 x 159 px',
  },
  {
    path: 'passporteye/mrz/testdata/79_pass-can.jpg',
    format: 'TD3',
    lines: ['P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<', 'ZE000509<9CAN8501019F2301147<<<<<<<<<<<<<<08'],
    source: 'transcribed',
    note: 'Canadian passport data page (specimen, annotated figure)',
  },
];
