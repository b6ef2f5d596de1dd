import { useCallback, useEffect, useState } from 'react';

import type { Product } from '../../../shared/domain';
import type { ChannelResponse } from '../../../shared/ipc/contract';
import { useStation } from '../ipc/StationContext';
import { toProblem } from '../ui/problem';
import type { Problem } from '../ui/problem';
import { ProblemNote } from '../ui/ProblemNote';
import { SerialFlagSwitch } from './SerialFlagSwitch';

type BulkResults = ChannelResponse<'admin.products.bulkEdit'>['results'];

/** Lists the catalog and switches Needs Serial Number on, one product or a selection. */
export function ProductsPanel() {
  const station = useStation();
  const [query, setQuery] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [bulkResults, setBulkResults] = useState<BulkResults | null>(null);

  const searchProducts = useCallback(
    async (text: string) => {
      const query = text.trim() === '' ? undefined : text.trim();
      const page = await station.call('admin.products.search', { query, limit: 200 });
      return page.products;
    },
    [station],
  );

  const search = useCallback(
    async (text: string) => {
      try {
        setProducts(await searchProducts(text));
        setProblem(null);
      } catch (cause) {
        setProblem(toProblem(cause));
      }
    },
    [searchProducts],
  );

  useEffect(() => {
    let active = true;
    searchProducts('')
      .then((found) => {
        if (active) setProducts(found);
      })
      .catch((cause: unknown) => {
        if (active) setProblem(toProblem(cause));
      });

    return () => {
      active = false;
    };
  }, [searchProducts]);

  async function switchOn(sku: string) {
    try {
      const product = await station.call('admin.products.update', {
        sku,
        changes: { needsSerialNumber: true },
      });
      setProducts((current) => current.map((item) => (item.sku === sku ? product : item)));
      setProblem(null);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  async function switchOnSelected() {
    try {
      const reply = await station.call('admin.products.bulkEdit', {
        skus: [...selected],
        changes: { needsSerialNumber: true },
      });
      setBulkResults(reply.results);
      setProblem(null);
      await search(query);
    } catch (cause) {
      setProblem(toProblem(cause));
    }
  }

  function toggleSelected(sku: string) {
    const next = new Set(selected);
    if (next.has(sku)) next.delete(sku);
    else next.add(sku);
    setSelected(next);
  }

  return (
    <section aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      <form
        className="filters"
        aria-label="Search products"
        onSubmit={(event) => {
          event.preventDefault();
          void search(query);
        }}
      >
        <div className="field">
          <label htmlFor="product-query">SKU or name</label>
          <input
            id="product-query"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <button type="submit" className="primary">
          Search
        </button>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => void switchOnSelected()}
        >
          Switch on Needs Serial Number for {selected.size} selected
        </button>
      </form>
      <ProblemNote problem={problem} />
      {bulkResults !== null && <BulkResultList results={bulkResults} />}

      <table className="data" aria-label="Products">
        <thead>
          <tr>
            <th scope="col">Select</th>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Barcodes</th>
            <th scope="col">Needs Serial Number</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.sku} data-sku={product.sku}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${product.sku}`}
                  checked={selected.has(product.sku)}
                  onChange={() => toggleSelected(product.sku)}
                />
              </td>
              <td className="mono">{product.sku}</td>
              <td>{product.name}</td>
              <td>{product.kind.replace('_', ' ')}</td>
              <td className="mono">{product.barcodes.join(', ')}</td>
              <td>
                <SerialFlagSwitch product={product} onSwitchOn={() => void switchOn(product.sku)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BulkResultList({ results }: { results: BulkResults }) {
  const changed = results.filter((result) => result.status === 'changed').length;
  const unchanged = results.filter((result) => result.status === 'unchanged').length;
  const rejected = results.filter((result) => result.status === 'rejected');

  return (
    <div className="bulk-results" role="status" data-testid="bulk-results">
      <p>
        Bulk edit: {changed} changed, {unchanged} already on, {rejected.length} rejected.
      </p>
      {rejected.length > 0 && (
        <ul>
          {rejected.map((result) => (
            <li key={result.sku} className="problem" data-code={result.code ?? ''}>
              <span className="mono">{result.sku}</span>: {result.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
