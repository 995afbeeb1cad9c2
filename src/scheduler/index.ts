export { JOBS, type Job, jobNamed } from './jobs.ts'
export { emptyReport, type JobDeps, type JobReport, runTimed } from './run-timed.ts'
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts'
