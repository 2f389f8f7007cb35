/**
 * Teardown steps run in reverse order of registration, also when the bench fails or is interrupted,
 * so no server process or bench database outlives a run.
 */
export class Cleanup {
  private readonly steps: Array<{ label: string; run: () => Promise<void> | void }> = [];
  private running: Promise<void> | undefined;

  add(label: string, run: () => Promise<void> | void): void {
    this.steps.push({ label, run });
  }

  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  /** Ctrl-C or a SIGTERM from a runner still stops the server and drops the database. */
  onSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  private async runSteps(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup "${step.label}" failed:`, error);
      }
    }
  }
}
