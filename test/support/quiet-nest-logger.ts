import { Logger } from '@nestjs/common';

// Unit specs exercise failure paths on purpose; their Nest log lines are noise.
Logger.overrideLogger(false);
