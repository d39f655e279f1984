import { Injectable } from '@nestjs/common';

/** Where commands print what they did; tests swap it to capture the lines. */
@Injectable()
export class CliOutput {
  line(text: string): void {
    process.stdout.write(`${text}\n`);
  }
}
