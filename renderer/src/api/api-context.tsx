import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { ApiChannel, ApiInput, ApiResult, JinkaApi } from '../../../shared/api/terminal-api.js';

interface ApiContextValue {
  api: JinkaApi;
  /** Called when the terminal says nobody is signed in (session ended elsewhere). */
  onSignedOut: () => void;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Provides the terminal API to the screens. */
export function ApiProvider(props: { api: JinkaApi; onSignedOut: () => void; children: ReactNode }) {
  return <ApiContext.Provider value={{ api: props.api, onSignedOut: props.onSignedOut }}>{props.children}</ApiContext.Provider>;
}

/** A typed caller of the terminal API that never throws: a broken transport becomes an INTERNAL error. */
export type ApiCaller = <C extends ApiChannel>(channel: C, input: ApiInput<C>) => Promise<ApiResult<C>>;

/** The API caller for components; a NOT_SIGNED_IN answer sends the app back to sign-in. */
export function useApi(): ApiCaller {
  const context = useContext(ApiContext);
  if (context === null) throw new Error('useApi outside ApiProvider');
  const { api, onSignedOut } = context;
  return useCallback(
    async <C extends ApiChannel>(channel: C, input: ApiInput<C>): Promise<ApiResult<C>> => {
      let result: ApiResult<C>;
      try {
        result = await api.call(channel, input);
      } catch (error) {
        result = { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
      }
      if (!result.ok && result.error.code === 'NOT_SIGNED_IN' && channel !== 'session.signIn') onSignedOut();
      return result;
    },
    [api, onSignedOut],
  );
}
