import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { adoptPathRoute } from './shell/router';
import './styles/theme.css';

adoptPathRoute(window.location, (url) => window.history.replaceState(null, '', url));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
