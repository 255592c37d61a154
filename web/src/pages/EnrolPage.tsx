export function EnrolPage() {
  return null;
}
