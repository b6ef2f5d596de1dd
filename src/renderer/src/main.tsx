import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { connectStation } from './ipc/client';
import { StationProvider } from './ipc/StationContext';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <StationProvider client={connectStation()}>
      <App />
    </StationProvider>
  </StrictMode>,
);
