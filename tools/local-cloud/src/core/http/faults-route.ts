/**
 * `/_localcloud/faults`: the fault injector over HTTP (see `core/faults.ts`).
 *
 *   GET    /_localcloud/faults        the rules, with how many failures each answered
 *   POST   /_localcloud/faults        add a rule (JSON `FaultSpec`) → 201 with the rule
 *   DELETE /_localcloud/faults        remove every rule
 *   DELETE /_localcloud/faults/<id>   remove one rule
 */
import { FaultSpecError, parseFaultSpec, type FaultInjector } from '../faults';
import type { Logger } from '../logger';
import type { LocalRoute } from '../router';
import { jsonResponse } from './types';

export const FAULTS_ROUTE = '/_localcloud/faults';

export function faultsRoute(faults: FaultInjector, services: () => readonly string[], log: Logger): LocalRoute {
  return async (req) => {
    const id = req.path.slice(FAULTS_ROUTE.length).replace(/^\//, '');
    if (req.method === 'GET' && !id) return jsonResponse(200, faults.list());
    if (req.method === 'DELETE' && !id) {
      faults.clear();
      log.info('fault injection: every rule removed');
      return jsonResponse(200, []);
    }
    if (req.method === 'DELETE') {
      if (!faults.remove(decodeURIComponent(id))) return jsonResponse(404, { message: `No fault rule ${id}` });
      log.info(`fault injection: ${id} removed`);
      return jsonResponse(200, faults.list());
    }
    if (req.method === 'POST' && !id) {
      try {
        const rule = faults.add(parseFaultSpec(JSON.parse(req.body.toString('utf8') || 'null'), services()));
        log.info(`fault injection: ${rule.id} ${JSON.stringify(rule.spec)}`);
        return jsonResponse(201, rule);
      } catch (err) {
        if (err instanceof FaultSpecError || err instanceof SyntaxError) return jsonResponse(400, { message: (err as Error).message });
        throw err;
      }
    }
    return jsonResponse(405, { message: `${req.method} ${req.path}: use GET, POST or DELETE ${FAULTS_ROUTE}[/<id>]` });
  };
}
