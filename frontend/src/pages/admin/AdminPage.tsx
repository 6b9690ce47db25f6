export default function AdminPage() {
  return <h1 className="text-xl font-semibold">AdminPage</h1>;
}
