/** A labelled version: retention never prunes it. */
export interface Pin {
  label: string;
  /** User id of who pinned it. */
  by: string;
  /** When it was pinned (ISO 8601). */
  at: string;
}

export interface PinnedVersion {
  versionId: string;
  version: number;
  pin: Pin;
}

export const MAX_PIN_LABEL_LENGTH = 200;
