/** Leaders' reports: the weekly scheduling report (周调度) and the dashboard (领导看板), from weekly snapshots. */
export { snapshotOf, resolveWeek, type WeekSnapshot, type WeekInterval } from './snapshot';
export { reportPeriod, defaultReportWeek, invalidWeekMessage } from './period';
export { weeklyReport, type WeeklyOptions } from './weekly';
export { dashboard, type DashboardOptions } from './dashboard';
export { median, cycleDays, cycleTimes } from './cycle';
export { notReported } from './not-reported';
