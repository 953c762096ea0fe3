export default {
	title: '',
}
