import { useEffect, useState } from 'react';
import { RULES_PATHS, rulesCatalogueResponseSchema } from '../../../shared/console/rules-api.js';
import { apiGet } from '../api/console-client.js';
import { useLocale } from '../i18n/locale-context.js';

/**
 * Service codes named as the rules catalogue in force names them (Chinese first), so a clerk reads
 * 指定影院免费观影, not `cinema`; a code the catalogue does not know (an older version's) stays as it is.
 */
export function useServiceName(): (service: string) => string {
  const locale = useLocale();
  const [names, setNames] = useState<ReadonlyMap<string, { zh: string; en: string }>>(new Map());
  useEffect(() => {
    let live = true;
    // The names are a courtesy: without them the codes are shown, and the page's own reads report problems.
    apiGet(RULES_PATHS.catalogue, rulesCatalogueResponseSchema)
      .then((rules) => {
        if (live) setNames(new Map(rules.rows.map((r) => [r.service, r.name])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (service) => names.get(service)?.[locale] ?? service;
}
