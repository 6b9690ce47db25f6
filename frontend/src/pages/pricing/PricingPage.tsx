export default function PricingPage() {
  return <h1 className="text-xl font-semibold">PricingPage</h1>;
}
