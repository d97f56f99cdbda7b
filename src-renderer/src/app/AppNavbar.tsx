import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import { sectionAt, sections } from './sections';

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const [location] = useLocation();
  return (
    <nav>
      {sections.map((section) => {
        const active = sectionAt(location) === section;
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
            // The section's chunk starts loading as the pointer or the keyboard reaches its link.
            onMouseEnter={() => void section.component.preload()}
            onFocus={() => void section.component.preload()}
          />
        );
      })}
    </nav>
  );
}
