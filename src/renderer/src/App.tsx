import { LinkCheck } from './diagnostics/LinkCheck';

export function App() {
  return (
    <main className="app">
      <header className="app-header">
        <h1>Packing Station</h1>
      </header>
      <LinkCheck />
    </main>
  );
}
