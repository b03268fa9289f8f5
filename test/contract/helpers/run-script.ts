import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs a TypeScript file in a separate Node process (through tsx), as another OpenDeck process would. */
export function runScript(script: string, args: string[], timeoutMs = 30_000): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args],
      { cwd: repoRoot, timeout: timeoutMs },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** Starts a TypeScript file in a separate Node process and resolves once it prints `readyLine`. */
export function startScript(script: string, args: string[], readyLine: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before printing "${readyLine}": ${output}`)));
  });
}
