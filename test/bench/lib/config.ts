// Sizes of every scenario, full and --quick (same scenarios, smaller and shorter).
export interface Config {
  mode: 'full' | 'quick'
  reps: number
  panels: {
    panels: number
    members: number
    rate: number
    warmupMs: number
    durationMs: number
    drainMs: number
  }
  saturation: {
    panels: number
    members: number
    /** Offered typed updates per second, across all members, tried in order. */
    steps: number[]
    warmupMs: number
    stepMs: number
    drainMs: number
    p99LimitMs: number
    /** Bisection steps between the last rate that passed and the first that failed. */
    bisect: number
  }
  large: {
    members: number
    rate: number
    typists: number
    warmupMs: number
    durationMs: number
    drainMs: number
  }
  idle: { panels: number; settleMs: number }
  history: { updates: number; members: number; firstSyncRuns: number; seeks: number }
  commands: { panels: number; votersPerPanel: number; durationMs: number; warmupMs: number }
  /** Scenario 8: panels whose logs hold these many events; `commands` more votes on each, measured. */
  record: { lengths: number[]; commands: number }
  /** Scenario 9: panels opened cold (not in memory) while `typingPanels` others type. */
  cold: {
    typingPanels: number
    members: number
    rate: number
    /** Cold panels, opened in `waves`, each wave all at once. */
    panels: number
    waves: number
    warmupMs: number
    drainMs: number
  }
}

const geometric = (from: number, factor: number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.round((from * factor ** i) / 100) * 100)

export function configFor(mode: 'full' | 'quick'): Config {
  if (mode === 'quick')
    return {
      mode,
      reps: 1,
      panels: { panels: 50, members: 6, rate: 2, warmupMs: 300, durationMs: 1500, drainMs: 1500 },
      saturation: {
        panels: 50,
        members: 6,
        steps: geometric(6000, 2, 4),
        warmupMs: 0,
        stepMs: 800,
        drainMs: 700,
        p99LimitMs: 100,
        bisect: 1,
      },
      large: { members: 100, rate: 2, typists: 50, warmupMs: 300, durationMs: 1000, drainMs: 1000 },
      idle: { panels: 200, settleMs: 200 },
      history: { updates: 100_000, members: 6, firstSyncRuns: 1, seeks: 20 },
      commands: { panels: 4, votersPerPanel: 3, durationMs: 1000, warmupMs: 200 },
      record: { lengths: [10, 100, 1000], commands: 20 },
      cold: { typingPanels: 20, members: 6, rate: 2, panels: 100, waves: 2, warmupMs: 300, drainMs: 1000 },
    }
  return {
    mode,
    reps: 3,
    panels: { panels: 100, members: 6, rate: 2, warmupMs: 2000, durationMs: 10_000, drainMs: 3000 },
    saturation: {
      panels: 100,
      members: 6,
      steps: geometric(2400, 1.5, 8),
      warmupMs: 0,
      stepMs: 3000,
      drainMs: 1500,
      p99LimitMs: 100,
      bisect: 2,
    },
    large: { members: 100, rate: 2, typists: 50, warmupMs: 1000, durationMs: 8000, drainMs: 3000 },
    idle: { panels: 1000, settleMs: 2000 },
    history: { updates: 100_000, members: 6, firstSyncRuns: 5, seeks: 300 },
    commands: { panels: 4, votersPerPanel: 3, durationMs: 10_000, warmupMs: 1000 },
    record: { lengths: [10, 100, 1000], commands: 100 },
    cold: { typingPanels: 50, members: 6, rate: 2, panels: 400, waves: 4, warmupMs: 1000, drainMs: 2000 },
  }
}
