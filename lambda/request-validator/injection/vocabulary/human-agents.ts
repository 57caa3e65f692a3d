/** Words that make an agent a person, not a model (human-agents.ts). */
export const AGENT_WORDS: readonly string[] = ['agent', 'agents'];
export const HUMAN_WORK: readonly string[] = [
  'support', 'service', 'services', 'sales', 'human', 'travel', 'estate', 'insurance', 'call', 'contact', 'centre', 'center',
  'field', 'live', 'booking', 'care', 'leasing', 'letting', 'customs', 'ticket', 'ticketing', 'helpdesk', 'desk', 'claims',
  'counter', 'reservations', 'front', 'shipping', 'literary', 'talent', 'border', 'floor', 'senior', 'junior', 'trainee',
];
export const PEOPLE_VERBS: readonly string[] = [
  'mentor', 'mentors', 'mentored', 'mentoring', 'coach', 'coaches', 'coached', 'coaching', 'hire', 'hires', 'hired', 'hiring',
  'supervise', 'supervises', 'supervised', 'supervising', 'onboard', 'onboards', 'onboarded', 'onboarding', 'recruit', 'recruits',
  'recruited', 'schedule', 'schedules', 'scheduled', 'staff', 'staffed', 'roster',
];
