import { StrictMode, type ReactNode } from 'react';

// No favicon request (a 404 would count as a console error).
export const metadata = { icons: { icon: 'data:,' } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <StrictMode>{children}</StrictMode>
      </body>
    </html>
  );
}
