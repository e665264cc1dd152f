import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import { cliActor } from '../actor.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat } from '../options.js';
import { json } from '../io.js';

const FORMATS = ['table', 'json'] as const;
import { withStore } from '../store.js';

const CLI_ACTOR = cliActor();

/** Reads a line from a terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(value));
        if (ch === '\u0003') return done(() => reject(new UserError('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (f: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      f();
    };
    stdin.on('data', onData);
  });
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

export function registerUsers(program: Command, { io }: CommandContext) {
  const users = program.command('users').description('user accounts: the first admin, demo accounts, listing');
  users
    .command('create-admin')
    .description('create an admin: the password is prompted (terminal), read from stdin, or generated and printed once')
    .option('--username <name>', 'user name', 'admin')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { username: string; passwordStdin?: boolean; format: string; db?: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const { checkPasswordPolicy, createUser, generatePassword, MIN_PASSWORD_LENGTH } = await import('../../store/identity/index.js');
      let password: string;
      let generated = false;
      if (opts.passwordStdin) password = await readStdinLine();
      else if (process.stdin.isTTY) {
        password = await promptHidden(`password for ${opts.username} (at least ${MIN_PASSWORD_LENGTH} characters): `);
        if ((await promptHidden('again: ')) !== password) throw new UserError('the two passwords differ');
      } else {
        password = generatePassword();
        generated = true;
      }
      await checkPasswordPolicy(password, { username: opts.username });
      await withStore(opts.db, async (store) => {
        const u = await createUser(store, CLI_ACTOR, { username: opts.username, password, role: 'admin' });
        if (format === 'json') return io.out(json({ username: u.username, role: 'admin', ...(generated ? { password } : {}) }));
        io.out(`admin ${u.username} created\n`);
        if (generated) io.out(`password (shown only now): ${password}\n`);
      });
    });
  users
    .command('create-demo')
    .description('create one demo account per role (flagged as demo) with generated passwords, printed once')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const { createDemoAccounts, formatDemoAccounts } = await import('../../store/identity/index.js');
      await withStore(opts.db, async (store) => {
        const { created, existing } = await createDemoAccounts(store, CLI_ACTOR);
        if (format === 'json') return io.out(json({ created, existing }));
        if (created.length) io.out(formatDemoAccounts(created));
        if (existing.length) io.out(`already there (passwords not shown again): ${existing.join(', ')}\n`);
      });
    });
  users
    .command('disable-demo')
    .description('disable every demo account and end its sessions and tokens')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const say = (text: string) => format === 'table' && io.out(text);
      const disabled: string[] = [];
      const kept: string[] = [];
      const { listUsers, updateUser } = await import('../../store/identity/index.js');
      await withStore(opts.db, async (store) => {
        const demo = listUsers(store).filter((u) => u.demo && !u.disabled);
        const others = listUsers(store).filter((u) => !u.demo && u.role === 'admin' && !u.disabled);
        for (const u of demo) {
          if (u.role === 'admin' && others.length === 0) {
            say(`${u.username} kept: it is the only admin (create one with users create-admin first)\n`);
            kept.push(u.username);
            continue;
          }
          await updateUser(store, CLI_ACTOR, u.userId, { disabled: true });
          say(`${u.username} disabled\n`);
          disabled.push(u.username);
        }
        if (format === 'json') io.out(json({ disabled, kept }));
      });
    });
  users
    .command('list')
    .description('list user accounts')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const { listUsers, usersWithSecondFactor } = await import('../../store/identity/index.js');
      await withStore(opts.db, async (store) => {
        const twoFactor = usersWithSecondFactor(store);
        if (format === 'json')
          return io.out(
            json(
              listUsers(store).map((u) => ({
                username: u.username,
                role: u.role,
                memberState: u.memberState ?? null,
                operatorId: u.operatorId ?? null,
                secondFactor: twoFactor.has(u.userId),
                demo: u.demo,
                disabled: u.disabled,
              })),
            ),
          );
        for (const u of listUsers(store))
          io.out(
            `${u.username.padEnd(28)} ${u.role.padEnd(14)} ${(u.memberState ?? u.operatorId ?? '').padEnd(12)} ${twoFactor.has(u.userId) ? '2fa' : '-  '}${u.demo ? ' demo' : ''}${u.disabled ? ' disabled' : ''}`.trimEnd() + '\n',
          );
      });
    });
  users
    .command('reset-2fa')
    .description("remove a user's second factor and recovery codes (lost authenticator): their sessions end, they sign in with the password alone and may enrol again")
    .argument('<username>', 'the account')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (username: string, opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, FORMATS);
      const { findUserByName, resetSecondFactor } = await import('../../store/identity/index.js');
      await withStore(opts.db, async (store) => {
        const u = findUserByName(store, username);
        if (!u) throw new UserError(`no user ${username}`);
        const had = resetSecondFactor(store, CLI_ACTOR, u.user_id);
        if (format === 'json') return io.out(json({ username: u.username, secondFactorRemoved: had }));
        io.out(had ? `second factor of ${u.username} removed; their sessions ended\n` : `${u.username} had no second factor; their sessions ended\n`);
      });
    });
}
