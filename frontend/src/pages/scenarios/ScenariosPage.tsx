export default function ScenariosPage() {
  return <h1 className="text-xl font-semibold">ScenariosPage</h1>;
}
