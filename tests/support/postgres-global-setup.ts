import type { TestProject } from 'vitest/node';

import { startThrowawayCluster } from './postgres-cluster';

/**
 * Starts a throwaway PostgreSQL 15 cluster on loopback for the integration tests and
 * hands its URL to them as `inject('postgresUrl')`. With PACKING_TEST_DATABASE_URL set,
 * that server is used instead and nothing is started. Tests create their own databases
 * in it, so one cluster serves every file.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.PACKING_TEST_DATABASE_URL;
  if (configured !== undefined && configured !== '') {
    project.provide('postgresUrl', configured);
    return async () => undefined;
  }

  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
