import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

// placeholder: filled in by the work on this command group
export function registerOwnership(_program: Command, _ctx: CommandContext): void {}
