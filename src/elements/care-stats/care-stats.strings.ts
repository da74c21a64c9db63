export const careStatsStrings = {
  title: 'Last 24 hours',
  finished: 'Finished',
  active: 'Active',
  answered: 'Answered',
  averageResponse: 'Average response time',
  averageHandling: 'Average handling time',
  refresh: 'Refresh',
  /** A duration in ms as people read it. */
  duration: (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`),
};
