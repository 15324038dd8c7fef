import { describe, expect, it } from 'vitest';
import { expectFailed, useProvisionedCli } from './run-jinka.js';

describe('jinka operator: PIN floor', () => {
  const cli = useProvisionedCli();

  it('refuses a supervisor PIN under 6 digits and an operator PIN under 4, on add', async () => {
    expectFailed(await cli.run('operator', 'add', '--id', 'boss', '--name', '主管', '--role', 'supervisor', '--pin', '1234'), /6 to 12 digits for a supervisor/);
    expectFailed(await cli.run('operator', 'add', '--id', 'op9', '--name', '收银员', '--pin', '123'), /4 to 12 digits for an operator/);
    expect((await cli.run('operator', 'add', '--id', 'boss', '--name', '主管', '--role', 'supervisor', '--pin', '-')).code).toBe(2);
    const list = JSON.parse((await cli.run('operator', 'list', '--json')).stdout) as { id: string }[];
    expect(list.map((o) => o.id)).not.toContain('boss');
  });

  it('refuses a short new PIN for a supervisor and tells an unknown id apart (the command is for the terminal’s owner)', async () => {
    expect((await cli.run('operator', 'add', '--id', 'chief', '--name', '主管', '--role', 'supervisor', '--pin', '246810')).code).toBe(0);
    expectFailed(await cli.run('operator', 'pin', '--id', 'chief', '--pin', '9999'), /6 to 12 digits for a supervisor/);
    expectFailed(await cli.run('operator', 'pin', '--id', 'ghost', '--pin', '999999'), /no operator "ghost"/);
    expect((await cli.run('operator', 'pin', '--id', 'chief', '--pin', '135790')).code).toBe(0);
  });
});
