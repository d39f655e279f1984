import { ProgressBar, ProgressStream } from './progress-bar';

function stream(isTTY: boolean, columns?: number): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

describe('ProgressBar', () => {
  describe('on a terminal', () => {
    it('redraws one line in place, only when what it shows changes, and ends the line when done', () => {
      const tty = stream(true, 80);
      const bar = new ProgressBar(tty, 'Request logs', 10_000);
      for (let i = 0; i < 10_000; i++) bar.tick();
      bar.done();
      // A draw when the percentage (100 times) or the 30-cell bar moves between two percentages, then the newline.
      expect(tty.writes.length).toBeGreaterThanOrEqual(101);
      expect(tty.writes.length).toBeLessThanOrEqual(131);
      expect(tty.writes.every((text) => text === '\n' || text.startsWith('\r'))).toBe(true);
      expect(tty.writes.at(-1)).toBe('\n');
      expect(tty.writes.at(-2)).toBe(`\rRequest logs [${'#'.repeat(30)}] 10,000/10,000 (100%)\u001b[K`);
      expect(tty.writes.filter((text) => text === '\n')).toHaveLength(1);
    });

    it('draws a partly filled bar and skips a redraw that would look the same', () => {
      const tty = stream(true, 80);
      const bar = new ProgressBar(tty, 'Invoices', 4);
      bar.tick(2);
      expect(tty.writes).toEqual([`\rInvoices [${'#'.repeat(15)}${'-'.repeat(15)}] 2/4 (50%)\u001b[K`]);
      bar.tick(0);
      expect(tty.writes).toHaveLength(1);
    });

    it('narrows the bar to fit a narrow terminal, down to a minimum', () => {
      const narrow = stream(true, 40);
      new ProgressBar(narrow, 'Invoices', 10).tick(5);
      expect(narrow.writes[0]).toBe(`\rInvoices [${'#'.repeat(9)}${'-'.repeat(8)}] 5/10 (50%)\u001b[K`);
      expect(narrow.writes[0].length - '\r\u001b[K'.length).toBeLessThan(40);
      const tiny = stream(true, 10);
      new ProgressBar(tiny, 'Invoices', 10).tick(5);
      expect(tiny.writes[0]).toContain(`[${'#'.repeat(5)}${'-'.repeat(5)}]`);
      // A pseudo-terminal may say 0 columns: drawn as on an 80-column one.
      const unknown = stream(true, 0);
      new ProgressBar(unknown, 'Invoices', 10).tick(5);
      expect(unknown.writes[0]).toContain(`[${'#'.repeat(15)}${'-'.repeat(15)}]`);
    });
  });

  describe('without a terminal', () => {
    it('prints a plain line at each quarter and no control characters', () => {
      const log = stream(false);
      const bar = new ProgressBar(log, 'Invoices', 500);
      for (let i = 0; i < 500; i++) bar.tick();
      bar.done();
      expect(log.writes).toEqual([
        'Invoices: 125/500 (25%)\n',
        'Invoices: 250/500 (50%)\n',
        'Invoices: 375/500 (75%)\n',
        'Invoices: 500/500 (100%)\n',
      ]);
    });

    it('prints one line for a jump over several quarters, and the final line once however often done() is called', () => {
      const log = stream(false);
      const bar = new ProgressBar(log, 'Request logs', 10_000);
      bar.tick(8_000);
      bar.tick(5_000);
      bar.done();
      bar.done();
      bar.tick();
      expect(log.writes).toEqual(['Request logs: 8,000/10,000 (80%)\n', 'Request logs: 10,000/10,000 (100%)\n']);
    });

    it('finishes an empty task', () => {
      const log = stream(false);
      new ProgressBar(log, 'Nothing', 0).done();
      expect(log.writes).toEqual(['Nothing: 0/0 (100%)\n']);
    });
  });
});
