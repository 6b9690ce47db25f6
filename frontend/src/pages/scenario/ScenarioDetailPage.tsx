export default function ScenarioDetailPage() {
  return <h1 className="text-xl font-semibold">ScenarioDetailPage</h1>;
}
