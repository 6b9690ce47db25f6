export default function DashboardPage() {
  return <h1 className="text-xl font-semibold">DashboardPage</h1>;
}
