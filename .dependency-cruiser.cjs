/**
 * Architecture rules, checked by `npm run check:arch` (part of `npm test`).
 * The core is framework-free: it may import only itself, zod and nothing with I/O.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core may import only src/core and zod: no framework, SDK, SQL, or Node I/O module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/zod/', '^zod$'] },
    },
    {
      name: 'infra-not-adapters',
      comment: 'Infrastructure implements ports; it must not depend on the adapters that use them.',
      severity: 'error',
      from: { path: '^src/infra/' },
      to: { path: '^src/adapters/' },
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
