/**
 * Architecture rules, checked by `npm run check:arch` (part of `npm test` and `npm run test:fast`).
 *
 *   bin/ (entry points) -> main.ts + wiring/ (composition root) -> adapters/, infra/, config/ -> core/
 *
 * The core is framework-free; adapters and infrastructure reach it only through its public entry
 * (core/index.ts); only the composition root picks implementations and reads the configuration.
 */
const CORE_ENTRY = '^src/core/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core may import only src/core and zod: no framework, SDK, SQL, or Node I/O module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '(^|/)node_modules/zod/', '^zod$'] },
    },
    {
      name: 'core-through-its-entry',
      comment: 'Outside the core, import it only through src/core/index.ts, its public surface.',
      severity: 'error',
      from: { pathNot: '^src/core/' },
      to: { path: '^src/core/', pathNot: CORE_ENTRY },
    },
    {
      name: 'adapters-not-root-or-infra',
      comment: 'Adapters call core verbs through ports; they never pick implementations (root) or use them directly (infra).',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/main\\.ts$', '^src/wiring/', '^src/infra/', '^src/bin/', '^src/config/'] },
    },
    {
      name: 'infra-not-adapters-root-or-config',
      comment: 'Infrastructure implements ports from plain option objects: no adapters, no root, no Config.',
      severity: 'error',
      from: { path: '^src/infra/' },
      to: { path: ['^src/adapters/', '^src/main\\.ts$', '^src/wiring/', '^src/bin/', '^src/config/'] },
    },
    {
      name: 'config-is-a-parser',
      comment: 'src/config parses the environment; it builds nothing and imports only zod and Node path helpers.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { pathNot: ['^src/config/', '(^|/)node_modules/zod/', '^zod$', '^path$', '^node:path$'] },
    },
    {
      name: 'only-bin-imports-bin',
      comment: 'Entry points sit on top: nothing but another entry point imports them.',
      severity: 'error',
      from: { pathNot: '^src/bin/' },
      to: { path: '^src/bin/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
