import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import { sections } from './sections';

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const [location] = useLocation();
  return (
    <nav>
      {sections.map((section) => {
        const active = location === section.path || location.startsWith(`${section.path}/`);
        return (
          <NavLink
            key={section.path}
            component={Link}
            href={section.path}
            label={section.label}
            leftSection={<section.icon size={18} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </nav>
  );
}
