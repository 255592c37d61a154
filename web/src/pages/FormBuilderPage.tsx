export function FormBuilderPage() {
  return null;
}
