import type { IssuerListResponse } from '../../../shared/console/key-api.js';
import { shanghaiDate } from '../../../shared/time/shanghai-calendar.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';

/** The foreign issuers in the trust list (the province's Huicai card) and how far the hub relays their revocations (registered and relayed below, or with `jinka-hub issuer add|relay`). */
export function IssuersTable(props: { issuers: IssuerListResponse }) {
  const t = useText(KEYS_TEXT);
  return (
    <section className="panel" aria-labelledby="issuers-title" data-testid="issuers">
      <h2 id="issuers-title">{t.issuersCaption}</h2>
      <p className="hint">{t.issuersHow}</p>
      {props.issuers.issuers.length === 0 ? (
        <p>{t.noIssuers}</p>
      ) : (
        <table className="table compact" data-testid="issuers-table">
          <thead>
            <tr>
              <th scope="col">{t.colIssuer}</th>
              <th scope="col">{t.colName}</th>
              <th scope="col">{t.colKeys}</th>
              <th scope="col">{t.colRegistered}</th>
              <th scope="col" className="num wrap-head">
                {t.colRelayed}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.issuers.issuers.map((i) => (
              <tr key={i.iss} data-iss={i.iss}>
                <th scope="row">
                  <code>{i.iss}</code>
                </th>
                <td>{i.name}</td>
                <td>
                  {i.keys.map((k) => (
                    <div key={k.kid}>
                      <code>{k.kid}</code>：{k.usage.map((u) => t.use[u]).join(t.listSeparator)}
                    </div>
                  ))}
                </td>
                <td className="nowrap">{i.registeredAt === null ? '—' : shanghaiDate(i.registeredAt)}</td>
                <td className="num">{i.relayedSeq ?? t.notRelayed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
