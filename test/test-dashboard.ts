import { type RunningDashboard, startDashboard } from '@trendwacht/dashboard';
import { redisUrl } from './helpers';

/** The dashboard of tenant `demo` under a test's key root, on a free loopback port, k = 5. */
export function startTestDashboard(root: string): Promise<RunningDashboard> {
  return startDashboard({ redisUrl: redisUrl(), keyPrefix: root, tenant: 'demo', k: 5, host: '127.0.0.1', port: 0 });
}
