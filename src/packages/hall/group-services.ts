import type { Catalog, Service, ServiceCategory } from '@contract/api'

export interface CatalogSection {
  category: ServiceCategory
  services: Service[]
}

/**
 * Categories in the server's order (the caller's own first), each with its visible services; offline services and empty
 * categories are dropped, and `keyword` filters by name, description or department.
 */
export function groupServices(catalog: Catalog | undefined, keyword = ''): CatalogSection[] {
  if (!catalog) return []
  const needle = keyword.trim().toLowerCase()
  const matches = (service: Service) =>
    !needle ||
    [service.name, service.description, service.department].some((text) => text.toLowerCase().includes(needle))

  return catalog.categories
    .map((category) => ({
      category,
      services: catalog.services.filter(
        (service) => service.categoryId === category.id && service.status !== 'offline' && matches(service),
      ),
    }))
    .filter((section) => section.services.length > 0)
}
