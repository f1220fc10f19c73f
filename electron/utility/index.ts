console.log('util')
