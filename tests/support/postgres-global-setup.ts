// Placeholder until the server's tests need PostgreSQL: the integration project runs
// without a database cluster.
export default function setup(): void {}
