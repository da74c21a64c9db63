import { css, type CSSResult } from 'lit';
import type { CareAnalytics } from '../../model/types.js';
import { figures } from '../shared/parts.js';
import type { CommonStrings } from '../shared/strings.js';
import type { careStatsStrings } from './care-stats.strings.js';

// The care figures load this module, how they show, with the figures themselves (until both are
// there, "Loading…"): a page that never opens the Stats tab never downloads it. It has no effect
// of its own.

export const styles: CSSResult = css`
  dd { font-size: 1.4em; font-weight: 600; }
`;

export const renderFigures = (t: typeof careStatsStrings & CommonStrings, f: CareAnalytics) => {
  const time = (ms: number | null) => (ms === null ? t.none : t.duration(ms));
  return figures([
    [t.finished, f.finished],
    [t.active, f.active],
    [t.answered, f.answered],
    [t.averageResponse, time(f.averageResponseMs)],
    [t.averageHandling, time(f.averageHandlingMs)],
  ]);
};
