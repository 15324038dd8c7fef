import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import './styles/base.css';
import './styles/shell.css';
import './styles/counter.css';
import './styles/verdict.css';
import './styles/warning.css';
import './styles/holder.css';
import './styles/admin.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
