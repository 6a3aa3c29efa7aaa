/** Something a restore could not bring back as it was, told to the caller instead of refusing. */
export interface RestoreWarning {
  code: 'reference_dropped' | 'reference_missing' | 'still_in_use';
  message: string;
  /** The entities concerned: dropped or missing references, or the live entities still using what was removed. */
  ids: string[];
}
