/**
 * CPU time from /proc (Linux), to split a run's CPU between the server (a process and its children: cluster
 * workers), PostgreSQL (every process named `postgres`, other users' backends included) and the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

function readProcs(): Proc[] {
  const procs: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm may hold spaces and parentheses: the fields after it follow the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      procs.push({ pid: Number(name), ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while being read
    }
  }
  return procs;
}

function treeTicks(procs: Proc[], root: number): number {
  const wanted = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!wanted.has(p.pid) && wanted.has(p.ppid)) {
        wanted.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => wanted.has(p.pid)).reduce((n, p) => n + p.ticks, 0);
}

function machineBusyTicks(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return values.reduce((n, v) => n + v, 0) - idle;
}

export interface CpuSnapshot {
  server: number;
  /** Per backend: one that exits during the run would otherwise count negative. */
  postgres: Map<number, number>;
  machine: number;
  at: number;
}

export function snapshot(serverPid: number | undefined): CpuSnapshot {
  const procs = readProcs();
  return {
    server: serverPid ? treeTicks(procs, serverPid) : 0,
    postgres: new Map(procs.filter((p) => p.comm === 'postgres').map((p) => [p.pid, p.ticks])),
    machine: machineBusyTicks(),
    at: Date.now(),
  };
}

/**
 * Cores used on average between two snapshots (1.0 = one core busy all the time). A PostgreSQL backend that
 * exits during the run is missed; one that starts during it counts whole.
 */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => Math.round((ticks / TICKS / seconds) * 100) / 100;
  return {
    server: cores(after.server - before.server),
    postgres: cores([...after.postgres].reduce((n, [pid, ticks]) => n + ticks - (before.postgres.get(pid) ?? 0), 0)),
    machine: cores(after.machine - before.machine),
  };
}
