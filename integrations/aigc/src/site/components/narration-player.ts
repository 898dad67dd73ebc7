/**
 * Progressive enhancement of NarrationPlayer.astro: play/pause and speed controls, seeking
 * from chapter and transcript links, and the paragraph being read highlighted (aria-current).
 * Without this script the page keeps a native player and plain links.
 */

const SPEED_KEY = 'aigc-narration-speed';

export function enhanceNarrationPlayers(root: ParentNode = document): void {
  for (const section of root.querySelectorAll<HTMLElement>('[data-aigc-narration]:not([data-enhanced])'))
    enhance(section);
}

function enhance(section: HTMLElement): void {
  const audio = section.querySelector<HTMLAudioElement>('audio[data-audio]');
  if (!audio) return;
  section.dataset.enhanced = '';
  const controls = section.querySelector<HTMLElement>('[data-controls]');
  const toggle = section.querySelector<HTMLButtonElement>('[data-toggle]');
  const speed = section.querySelector<HTMLSelectElement>('[data-speed]');
  const time = section.querySelector<HTMLElement>('[data-time]');
  const duration = section.querySelector<HTMLTimeElement>('[data-duration]');
  const paragraphs = [...section.querySelectorAll<HTMLElement>('[data-transcript] li[data-start]')];
  const chapterLinks = [...section.querySelectorAll<HTMLAnchorElement>('nav [data-seek]')];
  controls?.removeAttribute('hidden');

  const format = (seconds: number) => {
    const total = Math.max(0, Math.floor(seconds));
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  };

  const renderToggle = () => {
    if (!toggle) return;
    const playing = !audio.paused && !audio.ended;
    toggle.textContent = (playing ? toggle.dataset.labelPause : toggle.dataset.labelPlay) ?? '';
    toggle.setAttribute('aria-pressed', String(playing));
  };
  toggle?.addEventListener('click', () => {
    if (audio.paused) void audio.play();
    else audio.pause();
  });
  audio.addEventListener('play', renderToggle);
  audio.addEventListener('pause', renderToggle);
  audio.addEventListener('ended', renderToggle);

  if (speed) {
    const saved = Number(readStorage(SPEED_KEY));
    if (saved && [...speed.options].some((o) => Number(o.value) === saved)) {
      speed.value = String(saved);
      audio.playbackRate = saved;
    }
    speed.addEventListener('change', () => {
      audio.playbackRate = Number(speed.value);
      writeStorage(SPEED_KEY, speed.value);
    });
    // Some browsers reset the rate when the source loads.
    audio.addEventListener('loadedmetadata', () => {
      audio.playbackRate = Number(speed.value);
    });
  }

  audio.addEventListener('loadedmetadata', () => {
    if (duration && Number.isFinite(audio.duration) && !duration.textContent)
      duration.textContent = format(audio.duration);
  });

  const seek = (seconds: number) => {
    audio.currentTime = seconds;
    if (audio.paused) void audio.play().catch(() => undefined);
  };
  // Links keep their href (the audio at that time) for JS-off and "open in new tab".
  section.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (
      event.defaultPrevented ||
      (event as MouseEvent).button > 0 ||
      (event as MouseEvent).metaKey ||
      (event as MouseEvent).ctrlKey
    )
      return;
    const link = target.closest<HTMLElement>('[data-seek]');
    const paragraph = target.closest<HTMLElement>('[data-transcript] li[data-start]');
    const start = Number(link ? link.dataset.seek : paragraph?.dataset.start);
    if ((!link && !paragraph) || !Number.isFinite(start)) return;
    event.preventDefault();
    seek(start);
  });

  let current: HTMLElement | undefined;
  let currentChapter: HTMLElement | undefined;
  audio.addEventListener('timeupdate', () => {
    const now = audio.currentTime;
    if (time) time.textContent = `${format(now)} / ${format(Number.isFinite(audio.duration) ? audio.duration : 0)}`;
    const next = findLast(paragraphs, (p) => Number(p.dataset.start) <= now + 0.05);
    if (next !== current) {
      current?.removeAttribute('aria-current');
      next?.setAttribute('aria-current', 'true');
      current = next;
      if (next && !audio.paused) scrollWithin(next);
    }
    const chapter = findLast(chapterLinks, (a) => Number(a.dataset.seek) <= now + 0.05);
    if (chapter !== currentChapter) {
      currentChapter?.removeAttribute('aria-current');
      chapter?.setAttribute('aria-current', 'true');
      currentChapter = chapter;
    }
  });
  renderToggle();
}

/** Keep the highlighted paragraph visible inside the transcript box without scrolling the page. */
function scrollWithin(item: HTMLElement): void {
  const list = item.parentElement;
  if (!list || list.scrollHeight <= list.clientHeight) return;
  const top = item.offsetTop - list.offsetTop;
  if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight)
    list.scrollTop = Math.max(0, top - list.clientHeight / 3);
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode or storage disabled: the choice lasts for this page only
  }
}
