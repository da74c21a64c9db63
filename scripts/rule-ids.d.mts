export const CITING: string[];
/** Each cited id and the files citing it. */
export function citedIds(dirs?: string[]): Map<string, Set<string>>;
/** The ids docs/rules.md defines and the paths it names. */
export function documented(text?: string): { ids: Set<string>; paths: Set<string> };
/** What makes docs/rules.md untrue: an id cited without a row, a path that does not exist. */
export function problems(): string[];
