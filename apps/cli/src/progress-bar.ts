import { Injectable } from '@nestjs/common';

/** Where a bar draws: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const MAX_BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;
/** Without a terminal (CI logs, pipes), one plain line each time this much more of the work is done. */
const PLAIN_LINE_STEP = 0.25;
/** Erase to the end of the line, so a shorter redraw leaves nothing behind. */
const CLEAR_TO_END = '\u001b[K';

/**
 * Progress of one long step. On a terminal it redraws one line in place, and
 * only when what it shows changes (a 10,000-step task draws about a hundred
 * times); elsewhere it prints a plain line at every quarter, which reads well
 * in a log file.
 */
export class ProgressBar {
  private current = 0;
  private lastLook = '';
  private nextPlainLine = PLAIN_LINE_STEP;
  private finished = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly total: number,
  ) {}

  tick(count = 1): void {
    if (this.finished) return;
    this.current = Math.min(this.total, this.current + count);
    if (this.stream.isTTY) this.draw();
    else if (this.fraction() >= this.nextPlainLine && this.current < this.total) this.plainLine();
  }

  /** Shows the step complete and ends the line; later calls do nothing. */
  done(): void {
    if (this.finished) return;
    this.current = this.total;
    if (this.stream.isTTY) {
      this.draw();
      this.stream.write('\n');
    } else {
      this.plainLine();
    }
    this.finished = true;
  }

  private fraction(): number {
    return this.total === 0 ? 1 : this.current / this.total;
  }

  private counts(): string {
    return `${this.current.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} (${Math.floor(this.fraction() * 100)}%)`;
  }

  private plainLine(): void {
    this.stream.write(`${this.label}: ${this.counts()}\n`);
    while (this.nextPlainLine <= this.fraction()) this.nextPlainLine += PLAIN_LINE_STEP;
  }

  private draw(): void {
    const text = `${this.label} ${this.counts()}`;
    // A pseudo-terminal may report 0 columns.
    const room = (this.stream.columns || 80) - text.length - 4;
    const width = Math.max(MIN_BAR_WIDTH, Math.min(MAX_BAR_WIDTH, room));
    const filled = Math.round(this.fraction() * width);
    // The counts change on every tick; redrawing when the bar or the percentage moves is often enough.
    const look = `${filled}/${width} ${Math.floor(this.fraction() * 100)}`;
    if (look === this.lastLook) return;
    this.lastLook = look;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.counts()}${CLEAR_TO_END}`);
  }
}

/** Starts progress bars on stderr, leaving stdout to what a command did; tests swap it to capture the bars. */
@Injectable()
export class CliProgress {
  start(label: string, total: number): ProgressBar {
    return new ProgressBar(process.stderr, label, total);
  }
}
