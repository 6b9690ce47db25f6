export default function ApiKeysPage() {
  return <h1 className="text-xl font-semibold">ApiKeysPage</h1>;
}
