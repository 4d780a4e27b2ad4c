import type {
  CardIdParseOptions,
  CardIdParser,
  WedgeFailure,
  WedgeKeyRecord,
  WedgeProfile,
  WedgeRecord,
  WedgeTerminator,
} from './types.js';
export type CalibrationOptions = {
  /** The ID printed on the card, typed by the clerk: settles layouts that read the burst differently. */
  readonly expectedId?: string | undefined;
  readonly minLength?: number | undefined;
  readonly cardIdOptions?: CardIdParseOptions | undefined;
  readonly parse?: CardIdParser | undefined;
};
export type CalibrationResult =
  | {
      readonly ok: true;
      readonly profile: WedgeProfile;
      readonly id: string;
    }
  | {
      readonly ok: false;
      readonly error: WedgeFailure;
    };
type Found = {
  readonly burst: WedgeKeyRecord[];
  readonly terminator: WedgeTerminator;
};
/** The last run of character keys (at least `minLength`) and what ended it. */
export declare function findReading(records: readonly WedgeRecord[], minLength: number): Found | undefined;
/**
 * Learns a profile from the records of one reading.
 *
 * @example
 * const result = calibrateWedge(records, { expectedId: 'Y110029399' });
 * if (result.ok) localStorage.setItem('wedge-profile', JSON.stringify(result.profile));
 */
export declare function calibrateWedge(
  records: readonly WedgeRecord[],
  options?: CalibrationOptions,
): CalibrationResult;
export {};
