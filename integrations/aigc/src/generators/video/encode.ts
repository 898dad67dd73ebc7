import type LibAVNamespace from '@libav.js/variant-webm-vp9';
import type { Pcm } from '../narration/pcm.ts';
import { resample } from '../narration/pcm.ts';
import { importOptional } from '../../utils/optional-dependency.ts';

type LibAV = LibAVNamespace.LibAV;
type Packet = LibAVNamespace.Packet;

/** FFmpeg's libraries compiled to WebAssembly (VP9, Opus, WebM), loaded the first time a video is made. */
const LIBAV_PACKAGE = '@libav.js/variant-webm-vp9';

export interface VideoFrame {
  /** Planar YUV 4:2:0 pixels (rgbaToI420). */
  yuv: Uint8Array;
  /** Seconds from the start while this picture shows. */
  start: number;
  end: number;
}

export interface WebmInput {
  width: number;
  height: number;
  /** Pictures in time order, covering the video from 0 to its end. */
  frames: readonly VideoFrame[];
  audio: Pcm;
  /** Container tags (Matroska SimpleTags): title, language, how it was made. */
  tags: Record<string, string>;
  /** BCP 47 tag of the spoken language, for the audio track. */
  lang: string;
}

/** How the video is encoded; part of the video job's key. */
export const ENCODING = {
  /** A static picture is repeated this often (seconds), so players can seek and show it at once. */
  repeatSeconds: 2,
  /** A keyframe where each slide starts, and at least every this many frames (60 s). */
  gopFrames: 30,
  /** VP9 constant quality (lower: sharper, bigger); 32 keeps slide text crisp at 720p. */
  crf: 32,
  /** Opus bit rate for speech, bits a second. */
  opusBitRate: 32_000,
} as const;

/** AV_PICTURE_TYPE_I: the encoder makes this frame a keyframe. */
const PICTURE_TYPE_I = 1;
/** AV_LOG_ERROR: libvpx's version banner and such stay out of the build log. */
const LOG_ERROR = 16;

const OPUS_RATES = [48_000, 24_000, 16_000, 12_000, 8_000];

let loading: Promise<LibAV> | undefined;

/** One libav.js instance per process, without a worker (the build already runs in Node). */
export function loadLibav(): Promise<LibAV> {
  loading ??= importOptional<{ default: LibAVNamespace.LibAVWrapper }>(
    LIBAV_PACKAGE,
    'Video (the `video` option or `video: true` in an outline)',
  ).then((mod) =>
    mod.default.LibAV({ noworker: true }).then(async (libav) => {
      await libav.av_log_set_level(LOG_ERROR);
      return libav;
    }),
  );
  return loading;
}

let serial = 0;

/**
 * Encode slides and narration to WebM (VP9 + Opus) in process. Slides are still pictures,
 * so the video track has one frame each time the picture changes and a repeat every
 * `repeatSeconds` (variable frame rate, millisecond time base): a few frames a minute
 * instead of 25 a second, which is what makes this fast.
 */
export async function encodeWebm(input: WebmInput): Promise<Uint8Array> {
  const libav = await loadLibav();
  const { width, height } = input;
  const rate = OPUS_RATES.includes(input.audio.sampleRate) ? input.audio.sampleRate : 48_000;
  const audio = resample(input.audio, rate);
  const file = `video-${process.pid}-${++serial}.webm`;

  const [, vc, vframe, vpkt] = await libav.ff_init_encoder('libvpx-vp9', {
    ctx: {
      pix_fmt: libav.AV_PIX_FMT_YUV420P,
      width,
      height,
      framerate_num: 1,
      framerate_den: ENCODING.repeatSeconds,
      gop_size: ENCODING.gopFrames,
      bit_rate: 0,
    },
    time_base: [1, 1000],
    options: { deadline: 'realtime', 'cpu-used': '8', crf: String(ENCODING.crf), 'lag-in-frames': '0', 'row-mt': '0' },
  });
  const [, ac, aframe, apkt, frameSize] = await libav.ff_init_encoder('libopus', {
    ctx: {
      bit_rate: ENCODING.opusBitRate,
      sample_fmt: libav.AV_SAMPLE_FMT_FLT,
      sample_rate: rate,
      channel_layout: 4,
      channels: 1,
    },
    time_base: [1, rate],
    options: { application: 'voip' },
  });
  const [oc, , pb] = await libav.ff_init_muxer({ format_name: 'webm', filename: file, open: true }, [
    [vc, 1, 1000],
    [ac, 1, rate],
  ]);
  const pkt = await libav.av_packet_alloc();
  try {
    let dict = 0;
    for (const [key, value] of Object.entries(input.tags)) dict = await libav.av_dict_set_js(dict, key, value, 0);
    await libav.AVFormatContext_metadata_s(oc, dict);
    const header = await libav.avformat_write_header(oc, 0);
    if (header < 0) throw new Error(`the WebM muxer refused the header (libav error ${header}).`);

    const video = await libav.ff_encode_multi(vc, vframe, vpkt, videoFrames(libav, input), true);
    const sound = await libav.ff_encode_multi(
      ac,
      aframe,
      apkt,
      audioFrames(libav, audio.samples, rate, frameSize),
      true,
    );
    const packets: Packet[] = [
      ...video.map((p) => ({ ...p, stream_index: 0 })),
      ...sound.map((p) => ({ ...p, stream_index: 1 })),
    ];
    // Interleaved by time, as the muxer wants them.
    packets.sort((a, b) => seconds(a) - seconds(b));
    await libav.ff_write_multi(oc, pkt, packets);
    await libav.av_write_trailer(oc);
  } finally {
    await libav.av_packet_free_js(pkt);
    await libav.ff_free_muxer(oc, pb);
    await libav.ff_free_encoder(vc, vframe, vpkt);
    await libav.ff_free_encoder(ac, aframe, apkt);
  }
  const data = await libav.readFile(file);
  await libav.unlink(file);
  return data;
}

function seconds(packet: Packet): number {
  return ((packet.dts ?? packet.pts ?? 0) * (packet.time_base_num ?? 1)) / (packet.time_base_den ?? 1000);
}

function videoFrames(libav: LibAV, input: WebmInput): LibAVNamespace.Frame[] {
  const { width, height } = input;
  const size = width * height;
  const layout = [
    { offset: 0, stride: width },
    { offset: size, stride: width / 2 },
    { offset: size + size / 4, stride: width / 2 },
  ];
  const frames: LibAVNamespace.Frame[] = [];
  for (const frame of input.frames) {
    for (let t = frame.start; t < frame.end - 0.001; t += ENCODING.repeatSeconds) {
      const pts = Math.round(t * 1000);
      if (frames.length > 0 && pts <= frames.at(-1)!.pts!) continue;
      // A new slide starts on a keyframe, so seeking to a chapter shows it at once.
      frames.push({
        data: frame.yuv,
        format: libav.AV_PIX_FMT_YUV420P,
        width,
        height,
        pts,
        ptshi: 0,
        layout,
        ...(t === frame.start ? { pict_type: PICTURE_TYPE_I } : {}),
      });
    }
  }
  // The last picture stays to the end: a closing frame at the end of the narration.
  const last = input.frames.at(-1);
  const end = Math.round((last?.end ?? 0) * 1000);
  if (last && frames.length > 0 && end - 1 > frames.at(-1)!.pts!)
    frames.push({ data: last.yuv, format: libav.AV_PIX_FMT_YUV420P, width, height, pts: end - 1, ptshi: 0, layout });
  return frames;
}

function audioFrames(libav: LibAV, samples: Float32Array, rate: number, frameSize: number): LibAVNamespace.Frame[] {
  const frames: LibAVNamespace.Frame[] = [];
  for (let i = 0; i < samples.length; i += frameSize) {
    const chunk = samples.slice(i, i + frameSize);
    frames.push({
      data: chunk,
      format: libav.AV_SAMPLE_FMT_FLT,
      sample_rate: rate,
      channel_layout: 4,
      channels: 1,
      nb_samples: chunk.length,
      pts: i,
      ptshi: 0,
    });
  }
  return frames;
}
